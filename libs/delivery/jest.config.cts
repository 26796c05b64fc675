module.exports = {
  displayName: 'delivery',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/delivery',
};
